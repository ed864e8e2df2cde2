@rem `npm start` runs "exec node ..." (package.json). POSIX sh has exec built in: node replaces the shell, so
@rem npm's SIGINT/SIGTERM reach the mock. cmd.exe has no exec: it finds this file in the project root instead.
@%*

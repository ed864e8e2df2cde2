import { describe, expect, it } from 'vitest';
import { allNodes, findNode, loadContract, nodeAtPath, requestTree } from '../../src/spec/index.ts';

const weidu = requestTree(loadContract('weidu'));
const lingju = requestTree(loadContract('lingju'));

describe('schema tree > the request fields as read from the spec', () => {
  it.each([
    ['weidu', 'user_id', 'user_id', true],
    ['weidu', 'work_list/0/file_infos/3/size', 'size', false],
    ['weidu', 'work_list/0', '*', true],
    ['lingju', 'appkey', 'appkey', true],
    ['lingju', 'weight', 'weight', false],
  ] as const)('schema tree > %s: %s is %s (required %s)', (api, path, name, required) => {
    const node = nodeAtPath(api === 'weidu' ? weidu : lingju, path);
    expect(node).toMatchObject({ name, required });
  });

  it.each(['work_list/0/gender', 'work_list/0/nope', 'user_id/0', 'work_list/x'])('schema tree > weidu: %s is no field', (path) => {
    expect(nodeAtPath(weidu, path)).toBeUndefined();
  });

  it('schema tree > secrets are the x-secret fields', () => {
    expect(allNodes(weidu).filter((n) => n.secret).map((n) => n.pattern)).toEqual(['mobile', 'identity_number']);
    expect(allNodes(lingju).filter((n) => n.secret).map((n) => n.pattern)).toEqual(['appkey', 'authcode']);
  });

  it('schema tree > patterns use * for array items', () => {
    expect(findNode(weidu, 'work_list/*/file_infos/*/has_pre_img')).toMatchObject({ type: 'boolean', required: false });
    expect(allNodes(weidu)).toHaveLength(1 + 14 + 1 + 7 + 1 + 11);
  });
});

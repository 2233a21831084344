import { ApiError } from '@eea/http';
import { parseWebhookJson } from './webhook-body';

function rejection(raw: string): unknown {
  try {
    parseWebhookJson(Buffer.from(raw));
  } catch (e) {
    return (e as ApiError).getResponse();
  }
  return null;
}

describe('parseWebhookJson', () => {
  it('parses an ordinary object, whatever its values look like', () => {
    expect(parseWebhookJson(Buffer.from('{"a":[{"b":"__proto__"}],"c":{"constructors":1}}'))).toEqual({
      a: [{ b: '__proto__' }],
      c: { constructors: 1 },
    });
  });

  it('names the path of a prototype-poisoning key at any depth', () => {
    expect(JSON.stringify(rejection('{"ticket":{"skills":[1,{"__proto__":{"x":1}}]}}'))).toContain('ticket.skills[1].__proto__');
    expect(JSON.stringify(rejection('{"constructor":{}}'))).toContain('"constructor"');
  });

  it('refuses absurd nesting without recursing, and non-objects', () => {
    expect(JSON.stringify(rejection(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`))).toMatch(/a(\.a)+.*nested deeper than 32 levels/);
    expect(JSON.stringify(rejection(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`))).toContain('nested deeper');
    for (const raw of ['[]', 'null', '"x"', '{']) expect(rejection(raw)).not.toBeNull();
  });
});

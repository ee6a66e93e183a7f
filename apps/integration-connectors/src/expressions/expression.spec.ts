import { compileExpression, compileTemplate, ExpressionError } from './expression';

describe('expressions', () => {
  it('evaluates JSONata over the input', async () => {
    const e = compileExpression('first & " " & last', 'test');
    expect(await e.evaluate({ first: 'Ada', last: 'Lovelace' })).toBe('Ada Lovelace');
  });

  it('cannot reach JavaScript globals', async () => {
    expect(await compileExpression('process', 'test').evaluate({})).toBeUndefined();
    await expect(compileExpression('$require("fs")', 'test').evaluate({})).rejects.toBeInstanceOf(
      ExpressionError,
    );
  });

  it('refuses bad syntax with a validation error naming the place', () => {
    expect(() => compileExpression('a +', 'transforms[0]')).toThrow(/transforms\[0\]/);
  });

  it('stops runaway expressions', async () => {
    const e = compileExpression('($f := function($n) { $f($n + 1) }; $f(0))', 'test');
    await expect(e.evaluate({})).rejects.toBeInstanceOf(ExpressionError);
  });

  it('renders templates, encoding each value', async () => {
    const t = compileTemplate('/users/{{ id }}/{{ name }}', 'path');
    expect(await t.render({ id: 7, name: 'a b/c' }, encodeURIComponent)).toBe('/users/7/a%20b%2Fc');
    expect(await compileTemplate('plain', 'x').render({})).toBe('plain');
  });
});

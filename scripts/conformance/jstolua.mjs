// Ports a Strudel JS expression to moonrave Lua by the documented rules:
//   `.f(` -> `:f(`, `.add.out(` -> `:addOut(`, `x => e` / `(x, y) => e` -> `function(x, y) return e end`,
//   `[a, b]` -> `{a, b}`, a method call on a string literal gets parentheses: `("a b"):fast(2)`, or mini() where Lua's
//   string library has the name: `mini("10 20"):sub(3)`.
// Only the subset of JS used in pattern expressions is handled; anything else throws, and the
// case then carries a hand-written "lua" field.

const MODES = ['out', 'in', 'mix', 'squeeze', 'squeezeout', 'reset', 'restart', 'poly', 'flat'];

function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new Error('unterminated string');
      let body = src.slice(i + 1, j);
      if (c === '`') {
        if (body.includes('${') || body.includes('\n')) throw new Error('template string');
      }
      toks.push({ t: 'str', v: body, q: c === '`' ? '"' : c });
      i = j + 1;
      continue;
    }
    const num = /^(\d+\.?\d*(e[+-]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) { toks.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) { toks.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    if (src.startsWith('=>', i)) { toks.push({ t: 'p', v: '=>' }); i += 2; continue; }
    if (src.startsWith('...', i)) throw new Error('spread');
    if ('()[]{},.+-*/%:?<>=!&|'.includes(c)) {
      if ('{}?=!&|<>:'.includes(c)) throw new Error(`unsupported token ${c}`);
      toks.push({ t: 'p', v: c });
      i++;
      continue;
    }
    throw new Error(`unexpected character ${c}`);
  }
  return toks;
}

const OPEN = { '(': ')', '[': ']' };
const LUA_STRING_METHODS = new Set(['byte', 'char', 'dump', 'find', 'format', 'gmatch', 'gsub', 'len', 'lower',
  'match', 'pack', 'packsize', 'rep', 'reverse', 'sub', 'unpack', 'upper']);

// Converts toks[i..end) and returns a Lua string.
function convert(toks, i, end) {
  let out = '';
  const emit = (s) => {
    if (out && /[\w"'}\])]$/.test(out) && /^[\w"'({]/.test(s)) out += ' ';
    out += s;
  };
  while (i < end) {
    const tk = toks[i];
    // arrow function: `x =>` or `(a, b) =>`
    let params = null;
    let bodyStart = -1;
    if (tk.t === 'id' && toks[i + 1] && toks[i + 1].v === '=>') {
      params = [tk.v];
      bodyStart = i + 2;
    } else if (tk.v === '(') {
      const close = matching(toks, i);
      if (toks[close + 1] && toks[close + 1].v === '=>') {
        params = [];
        for (let k = i + 1; k < close; k++) {
          if (toks[k].t === 'id') params.push(toks[k].v);
          else if (toks[k].v !== ',') throw new Error('arrow parameters');
        }
        bodyStart = close + 2;
      }
    }
    if (params) {
      let j = bodyStart;
      let depth = 0;
      while (j < end) {
        const v = toks[j].v;
        if (toks[j].t === 'p' && (v === '(' || v === '[')) depth++;
        else if (toks[j].t === 'p' && (v === ')' || v === ']')) {
          if (depth === 0) break;
          depth--;
        } else if (toks[j].t === 'p' && v === ',' && depth === 0) break;
        j++;
      }
      emit(`function(${params.join(', ')}) return ${convert(toks, bodyStart, j)} end`);
      i = j;
      continue;
    }
    if (tk.t === 'p' && tk.v === '.') {
      const name = toks[i + 1];
      if (!name || name.t !== 'id') throw new Error('property access');
      const mode = toks[i + 2] && toks[i + 2].v === '.' && toks[i + 3] && MODES.includes(toks[i + 3].v) ? toks[i + 3].v : null;
      if (mode) {
        out += ':' + name.v + mode[0].toUpperCase() + mode.slice(1);
        i += 4;
      } else {
        out += ':' + name.v;
        i += 2;
      }
      if (!toks[i] || toks[i].v !== '(') throw new Error('method without call');
      continue;
    }
    if (tk.t === 'str') {
      const q = tk.q;
      const lit = q + tk.v + q;
      const nextIsMethod = toks[i + 1] && toks[i + 1].v === '.';
      // Lua's own string methods (sub, rep, ...) win on a string: wrap it in mini() for those.
      const method = nextIsMethod && toks[i + 2] ? toks[i + 2].v : '';
      emit(!nextIsMethod ? lit : LUA_STRING_METHODS.has(method) ? `mini(${lit})` : `(${lit})`);
      i++;
      continue;
    }
    if (tk.t === 'p' && tk.v === '[') {
      const close = matching(toks, i);
      emit('{' + convert(toks, i + 1, close) + '}');
      i = close + 1;
      continue;
    }
    if (tk.t === 'p' && tk.v === '(') {
      const close = matching(toks, i);
      out += '(' + convert(toks, i + 1, close) + ')';
      i = close + 1;
      continue;
    }
    if (tk.t === 'p' && tk.v === ',') { out += ', '; i++; continue; }
    if (tk.t === 'p' && '+-*/%'.includes(tk.v)) {
      const prev = toks[i - 1];
      const unary = !prev || (prev.t === 'p' && !(prev.v === ')' || prev.v === ']'));
      out += unary ? tk.v : ` ${tk.v} `;
      i++;
      continue;
    }
    if (tk.t === 'id' && (tk.v === 'null' || tk.v === 'undefined')) { emit('nil'); i++; continue; }
    emit(tk.v);
    i++;
  }
  return out;
}

function matching(toks, i) {
  const want = OPEN[toks[i].v];
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].t !== 'p') continue;
    if (OPEN[toks[j].v]) depth++;
    else if (toks[j].v === ')' || toks[j].v === ']') {
      depth--;
      if (depth === 0) {
        if (toks[j].v !== want) throw new Error('mismatched brackets');
        return j;
      }
    }
  }
  throw new Error('unbalanced brackets');
}

export function jsToLua(js) {
  const toks = tokenize(js);
  return convert(toks, 0, toks.length);
}

// Prints the events Strudel 1.2.6 gives for one expression, in the fixture format, for
// comparing with `moonrave query` by hand. Usage: node query.mjs 'JS EXPRESSION' [from] [to] [span|cycles]
import { evaluate, query } from './generate.mjs';

const [js, from = '0', to = '1', mode = 'span'] = process.argv.slice(2);
for (const line of query(evaluate(js), from, to, mode)) console.log(line);

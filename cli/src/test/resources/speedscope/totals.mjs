// Reads a file with speedscope's own importer, as `speedscope FILE` does (loadFileFromBase64), and prints
// what it found: "total<TAB>VALUE<TAB>UNIT<TAB>NAME", then "frame<TAB>SELF<TAB>TOTAL<TAB>NAME" per frame.
// The importer lives inside speedscope's browser bundle: a line added at the start of the bundle's closure
// hands it out, and the app's own start-up, which needs a browser, is let fail.
import fs from 'node:fs';
import vm from 'node:vm';

const [release, file] = process.argv.slice(2);
const bundle = fs.readdirSync(release).find(f => /^speedscope-.*\.js$/.test(f));
let code = fs.readFileSync(`${release}/${bundle}`, 'utf8');
const loader = /loadFileFromBase64:\((\w+),(\w+)\)=>\{this\.loadProfile\(\(\)=>([\w$]+)\(/.exec(code);
if (!loader) {
  console.error(`no loadFileFromBase64 in ${bundle}: another speedscope version?`);
  process.exit(3);
}
const start = code.indexOf('(()=>{') + '(()=>{'.length;
code = code.slice(0, start) + `globalThis.saturnImport=(n,b)=>${loader[3]}(n,b);` + code.slice(start);

const anything = new Proxy(function () {}, {
  get: (target, property) => (property === Symbol.toPrimitive ? () => '' : anything),
  apply: () => anything,
  construct: () => anything,
});
const context = {
  console: { log() {}, warn() {}, error: console.error, info() {}, debug() {} },
  TextDecoder, TextEncoder, atob, btoa, setTimeout, clearTimeout, URL, performance,
  navigator: { userAgent: 'node' }, document: anything, localStorage: anything,
  location: { hash: '', href: 'file:///speedscope', protocol: 'file:', search: '' },
  requestAnimationFrame: () => 0, addEventListener: () => {},
};
context.window = context;
context.self = context;
vm.createContext(context);
try {
  vm.runInContext(code, context);
} catch (e) {
  // the app's start-up: it needs a browser, the importer does not
}
const group = await context.saturnImport(file.split('/').pop(), fs.readFileSync(file).toString('base64'));
if (!group || group.profiles.length === 0) {
  console.error(`speedscope imported nothing from ${file}`);
  process.exit(4);
}
const profile = group.profiles[0];
const out = [`total\t${profile.getTotalWeight()}\t${profile.getWeightUnit()}\t${profile.getName()}`];
profile.forEachFrame(frame => out.push(`frame\t${frame.getSelfWeight()}\t${frame.getTotalWeight()}\t${frame.name}`));
console.log(out.join('\n'));

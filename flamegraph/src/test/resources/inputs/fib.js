// A small workload for node --cpu-prof: a recursive function and an anonymous callback.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
let total = 0;
[27, 28, 29].forEach((n) => { total += fib(n); });
console.log(total);

/** V8 CPU profiles (.cpuprofile JSON of node --cpu-prof and Chrome DevTools). */
package dev.saturn.flamegraph.parse.v8;

/** BCC tools' default multi-line stack output (profile, offcputime). */
package dev.saturn.flamegraph.parse.bcc;

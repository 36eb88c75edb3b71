/**
 * pprof profiles in: {@link dev.saturn.flamegraph.parse.pprof.PprofParser} reads profile.proto (gzip'd or
 * not) with a protobuf reader of its own, {@link dev.saturn.flamegraph.parse.pprof.PprofShape} tells one
 * from its first bytes.
 */
package dev.saturn.flamegraph.parse.pprof;

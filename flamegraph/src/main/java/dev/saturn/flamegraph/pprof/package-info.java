/**
 * pprof out: {@link dev.saturn.flamegraph.pprof.PprofWriter} writes a frame tree as a gzip'd profile.proto
 * for {@code go tool pprof}, with a protobuf encoder of its own; {@link dev.saturn.flamegraph.pprof.SampleType}
 * names its values from a flame graph's count name.
 */
package dev.saturn.flamegraph.pprof;

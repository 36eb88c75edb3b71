/**
 * What every collector shares: where the host's files are ({@link dev.saturn.collectors.HostPaths},
 * relocatable for snapshot trees and containers), a value or the reason it is unavailable ({@link
 * dev.saturn.collectors.Reading}), and how kernel files are read ({@link dev.saturn.collectors.KernelFiles}: each
 * read anew, or kept open between samples by the sampler that owns them).
 */
package dev.saturn.collectors;

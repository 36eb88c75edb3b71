/**
 * What every collector shares: where the host's files are ({@link dev.saturn.collectors.HostPaths},
 * relocatable for snapshot trees and containers), a value or the reason it is unavailable ({@link
 * dev.saturn.collectors.Reading}), and kernel files kept open between samples.
 */
package dev.saturn.collectors;

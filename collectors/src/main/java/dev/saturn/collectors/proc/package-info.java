/**
 * One reader per /proc file, each parsing its grammar into a record: /proc/stat, /proc/diskstats,
 * /proc/net/dev, /proc/pressure/*, /proc/PID/stat and the rest.
 */
package dev.saturn.collectors.proc;

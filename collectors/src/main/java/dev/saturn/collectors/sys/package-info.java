/**
 * One reader per /sys area: block devices, network interfaces, cgroups (v1 and v2).
 */
package dev.saturn.collectors.sys;

/**
 * The sampling loop: a snapshot every interval, the USE analysis of each pair, the latest report for the HTTP
 * routes and the history, and the start-up warm-up that compiles the sample's paths before the first real
 * one.
 */
package dev.saturn.agent.schedule;

/**
 * The agent's HTTP server, a selector thread on the JDK's NIO channels and a small pool of workers (not com.sun.net.httpserver): a
 * bounded number of connections, a deadline on every read, the Host and bearer-token checks, and the routes
 * (/metrics, /api/v1/*, the dashboard, stored profiles). Pages that every scrape asks for are built once per
 * sample and gzipped once.
 */
package dev.saturn.agent.http;

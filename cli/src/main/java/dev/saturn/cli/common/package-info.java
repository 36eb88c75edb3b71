/**
 * What every command shares and nothing depends on: exit codes and the one-line error a user sees.
 */
package dev.saturn.cli.common;

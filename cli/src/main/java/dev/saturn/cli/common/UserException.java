package dev.saturn.cli.common;

/** Something the user can fix: bad input, a missing file. Printed as one line, exit code 2. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message, null, false, false);
    }
}

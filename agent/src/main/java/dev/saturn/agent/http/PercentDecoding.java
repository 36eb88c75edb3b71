package dev.saturn.agent.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict percent-decoding of a path or query part: '%' takes two hex digits, the bytes are UTF-8, no control characters. */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static String decode(String raw, boolean plusIsSpace) throws HttpProblem {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return checked(raw, raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                    throw new HttpProblem(400, "bad percent-encoding '" + escape + "' in the request: '%' must be followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return checked(raw, text);
        } catch (CharacterCodingException e) {
            throw new HttpProblem(400, "the request's percent-encoded bytes are not UTF-8");
        }
    }

    private static String checked(String raw, String decoded) throws HttpProblem {
        for (int i = 0; i < decoded.length(); i++) {
            if (decoded.charAt(i) < ' ' || decoded.charAt(i) == 0x7f) {
                throw new HttpProblem(400, "a control character in the request (" + raw.length() + " characters)");
            }
        }
        return decoded;
    }
}

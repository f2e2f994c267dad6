package org.valuesim.results.write;

/** RFC 4180 cells: quoted only when they hold a comma, a quote or a line break. */
public final class Csv {

    private Csv() {
    }

    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

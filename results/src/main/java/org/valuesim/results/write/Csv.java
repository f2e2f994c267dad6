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

    /** The header of the columns {@link #appendOutcome} writes. */
    public static final String OUTCOME_HEADER = "status,respondent,model,prompt_hash,cache_hit,attempts,latency_ms,"
            + "tokens_in,tokens_out,failure,raw_text";

    /** An answer's status, provenance, failure and raw text, each after a comma, as responses.csv and actions.csv end. */
    public static StringBuilder appendOutcome(StringBuilder row, org.valuesim.core.respond.Answer answer) {
        org.valuesim.core.respond.Provenance from = answer.provenance();
        return row.append(',').append(answer.isOk() ? "ok" : "failed")
                .append(',').append(cell(from.respondent()))
                .append(',').append(cell(from.model()))
                .append(',').append(from.promptHash())
                .append(',').append(from.cacheHit())
                .append(',').append(from.attempts())
                .append(',').append(from.latencyMs())
                .append(',').append(from.tokensIn())
                .append(',').append(from.tokensOut())
                .append(',').append(cell(answer.failure()))
                .append(',').append(cell(answer.rawText()));
    }
}

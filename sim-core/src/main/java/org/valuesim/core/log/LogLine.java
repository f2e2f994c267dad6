package org.valuesim.core.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;

/**
 * One answer as the response log keeps it: everything needed to rebuild it exactly (doubles are written so that they
 * read back bit for bit). Short names keep the log small; they are documented in README.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogLine(int a, String i, String q, int c, double[] p, int[] u, String s, String f, String raw, String r,
               String m, String h, boolean hit, int n, long ms, long ti, long to, List<Answer.ModuleAnswer> mod) {

    static LogLine of(Answer x) {
        Provenance v = x.provenance();
        return new LogLine(x.agentId(), x.instrumentId(), x.itemId(), x.choice(), x.distribution(), x.amounts(),
                x.isOk() ? "ok" : "failed", x.failure().isEmpty() ? null : x.failure(),
                x.rawText().isEmpty() ? null : x.rawText(), v.respondent(), v.model().isEmpty() ? null : v.model(),
                v.promptHash().isEmpty() ? null : v.promptHash(), v.cacheHit(), v.attempts(), v.latencyMs(), v.tokensIn(),
                v.tokensOut(), x.modules().isEmpty() ? null : x.modules());
    }

    /**
     * Writes the line as Jackson's serialization of this record does (components in order, nulls left out), field by
     * field: the writer thread did this for every answer through Jackson's bean serializers, which cost more CPU, to
     * run and to compile, than the rest of the log (ResponseLogTest compares the two). Module answers, rare, are
     * still written by Jackson.
     */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("a", a);
        string(g, "i", i);
        string(g, "q", q);
        g.writeNumberField("c", c);
        if (p != null) {
            g.writeFieldName("p");
            g.writeArray(p, 0, p.length);
        }
        if (u != null) {
            g.writeFieldName("u");
            g.writeArray(u, 0, u.length);
        }
        string(g, "s", s);
        string(g, "f", f);
        string(g, "raw", raw);
        string(g, "r", r);
        string(g, "m", m);
        string(g, "h", h);
        g.writeBooleanField("hit", hit);
        g.writeNumberField("n", n);
        g.writeNumberField("ms", ms);
        g.writeNumberField("ti", ti);
        g.writeNumberField("to", to);
        if (mod != null) {
            g.writeFieldName("mod");
            g.writeObject(mod);
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    Answer answer() {
        Provenance v = new Provenance(r, m == null ? "" : m, h == null ? "" : h, hit, n, ms, ti, to);
        return new Answer(a, i, q, c, p, "ok".equals(s) ? Answer.Status.OK : Answer.Status.FAILED,
                f == null ? "" : f, raw == null ? "" : raw, v, mod, u);
    }

    String key() {
        return ResponseLog.key(a, i, q);
    }
}

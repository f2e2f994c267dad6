package org.valuesim.core.log;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    Answer answer() {
        Provenance v = new Provenance(r, m == null ? "" : m, h == null ? "" : h, hit, n, ms, ti, to);
        return new Answer(a, i, q, c, p, "ok".equals(s) ? Answer.Status.OK : Answer.Status.FAILED,
                f == null ? "" : f, raw == null ? "" : raw, v, mod, u);
    }

    String key() {
        return ResponseLog.key(a, i, q);
    }
}

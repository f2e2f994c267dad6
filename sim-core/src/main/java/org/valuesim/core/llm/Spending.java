package org.valuesim.core.llm;

import org.valuesim.core.cost.Pricing;
import org.valuesim.core.cost.SpendingLimit;
import org.valuesim.core.cost.TokenUsage;

/**
 * A model's prices against the run's budget: before a call, the most it can cost is reserved (every prompt byte
 * counted as a token, since a token covers at least one byte, plus the chat template's tokens, and every output
 * token it may write); when it returns, what it cost.
 */
public final class Spending {

    /** Tokens a chat template adds per message and per call, at most (OpenAI adds 3 and 3, ChatML about 5). */
    static final int TEMPLATE_TOKENS = 16;

    private final String model;
    private final Pricing pricing;
    private final SpendingLimit budget;

    public Spending(String model, Pricing pricing, SpendingLimit budget) {
        this.model = model;
        this.pricing = pricing;
        this.budget = budget;
    }

    /** Reserves the call's ceiling and returns it, or throws when it does not fit what is left. */
    public double reserve(ModelRequest request, boolean batched) {
        double ceiling = pricing.ceiling(promptTokensAtMost(request), request.sampling().maxTokens(), batched);
        if (!budget.reserve(ceiling)) {
            throw new BudgetExceeded(String.format(java.util.Locale.ROOT, "budget-usd %s would be exceeded: model %s's "
                    + "next call may cost up to $%.6f and $%.6f of it is spent", Double.toString(budget.limit()),
                    model, ceiling, budget.spent()));
        }
        return ceiling;
    }

    /** Gives back a reservation for what the call cost (nothing when it failed). */
    public void settle(double ceiling, ModelResponse response, boolean batched) {
        budget.settle(ceiling, response == null ? 0 : pricing.cost(new TokenUsage(response.tokensIn(),
                response.cachedTokensIn(), response.cacheWriteTokens(), response.tokensOut()), batched));
    }

    static long promptTokensAtMost(ModelRequest request) {
        long bytes = TEMPLATE_TOKENS;
        for (Message m : request.messages()) {
            bytes += utf8Length(m.content()) + TEMPLATE_TOKENS;
        }
        return bytes;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}

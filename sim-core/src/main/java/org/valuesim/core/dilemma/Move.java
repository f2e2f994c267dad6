package org.valuesim.core.dilemma;

import org.valuesim.core.respond.Answer;

/**
 * One agent's move in one round and what it earned.
 *
 * @param action      the move as written to actions.csv (an amount, cooperate/defect, or cause=units;...)
 * @param cooperation how prosocial the move was, 0..1 (the share given, contributed or donated; 1 for cooperate);
 *                    NaN for a failed move
 * @param payoff      the round's earnings
 * @param answer      the respondent's answer with its provenance (failed answers keep their reason and raw text)
 */
public record Move(int agentId, String action, double cooperation, double payoff, Answer answer) {
}

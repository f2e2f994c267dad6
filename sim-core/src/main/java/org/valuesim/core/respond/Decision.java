package org.valuesim.core.respond;

import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;

/**
 * One agent's move in one round of a social dilemma, put as an item: the frame names the dilemma, the item's
 * text tells the game and the rounds the agent remembers, and its response is the move (an amount, cooperate or
 * defect, or an allocation). Text-reading respondents answer the item; embedded ones apply {@link ValueRule}.
 *
 * @param game              dictator, donation, public-goods or prisoners-dilemma
 * @param round             1-based round
 * @param othersCooperation the mean cooperation (0..1) of the agent's neighbours in the last round, NaN in the first
 */
public record Decision(String game, int round, Instrument frame, Item item, double othersCooperation) {
}

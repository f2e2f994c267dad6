package org.valuesim.core.dilemma;

/** Receives each dilemma round once all of its moves are in and paid. */
@FunctionalInterface
public interface RoundSink {

    RoundSink NONE = round -> { };

    void accept(RoundResult round) throws Exception;
}

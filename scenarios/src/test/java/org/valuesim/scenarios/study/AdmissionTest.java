package org.valuesim.scenarios.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.valuesim.scenarios.run.Placement;

/** Which of a study's runs start beside those going, and when: as soon as a run ends, not on a poll. */
class AdmissionTest {

    private static final StudyRunner.Load SMALL = new StudyRunner.Load(10, false);
    private static final StudyRunner.Load ALONE = new StudyRunner.Load(0, true);

    /** A thread waiting to enter, and what it got: true, false, or the exception. */
    private static final class Waiting {
        final CompletableFuture<Boolean> entered = new CompletableFuture<>();
        final Thread thread;

        Waiting(StudyRunner.Admission admission, StudyRunner.Load run) {
            thread = new Thread(() -> {
                try {
                    entered.complete(admission.enter(run));
                } catch (InterruptedException e) {
                    entered.completeExceptionally(e);
                }
            });
            thread.start();
            settle();
        }

        /**
         * Until the run is parked in the admission's wait (again, after a wake-up) or through it; a thread that died
         * or never got there fails the test instead of hanging it.
         */
        void settle() {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (thread.getState() != Thread.State.WAITING && !entered.isDone() && thread.isAlive()) {
                if (System.nanoTime() - deadline > 0) {
                    fail("the run neither waited nor entered within a minute: " + thread.getState());
                }
                Thread.onSpinWait();
            }
            assertTrue(entered.isDone() || thread.isAlive(), "the waiting run's thread died without entering");
        }
    }

    @Test
    void aWaitingRunStartsWhenOneEnds() throws Exception {
        StudyRunner.Admission admission = new StudyRunner.Admission(2);
        assertTrue(admission.enter(SMALL));
        assertTrue(admission.enter(SMALL));
        Waiting third = new Waiting(admission, SMALL);
        assertFalse(third.entered.isDone(), "two runs go at once");
        admission.leave(SMALL);
        assertTrue(third.entered.get());
    }

    @Test
    void aRunThatGoesAloneWaitsForEveryOtherAndHoldsTheRestBack() throws Exception {
        StudyRunner.Admission admission = new StudyRunner.Admission(4);
        assertTrue(admission.enter(SMALL));
        assertTrue(admission.enter(SMALL));
        Waiting alone = new Waiting(admission, ALONE);
        admission.leave(SMALL);
        // woken by the leave: it must go back to its wait; wrongly let through, it enters well within 200 ms
        alone.settle();
        assertThrows(TimeoutException.class, () -> alone.entered.get(200, TimeUnit.MILLISECONDS), "one run still goes");
        admission.leave(SMALL);
        assertTrue(alone.entered.get());
        Waiting next = new Waiting(admission, SMALL);
        assertFalse(next.entered.isDone(), "nothing beside a run that goes alone");
        admission.leave(ALONE);
        assertTrue(next.entered.get());
    }

    @Test
    void aLargePopulationStartsOnlyWhenNoneGoes() throws Exception {
        StudyRunner.Admission admission = new StudyRunner.Admission(4);
        StudyRunner.Load large = new StudyRunner.Load(StudyRunner.AGENTS_AT_ONCE, false);
        assertTrue(admission.enter(SMALL));
        Waiting waiting = new Waiting(admission, large);
        assertFalse(waiting.entered.isDone(), "10 + 100,000 agents are more than this machine holds at once");
        admission.leave(SMALL);
        assertTrue(waiting.entered.get());
    }

    @Test
    void theStudysStopAndAnInterruptReleaseTheWaiting() throws Exception {
        StudyRunner.Admission admission = new StudyRunner.Admission(2);
        assertTrue(admission.enter(ALONE));
        Waiting interrupted = new Waiting(admission, SMALL);
        interrupted.thread.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class,
                interrupted.entered::get);
        assertInstanceOf(InterruptedException.class, e.getCause());

        Waiting stopped = new Waiting(admission, SMALL);
        assertFalse(admission.closed());
        assertTrue(admission.close(), "the first stop closes the admission");
        assertEquals(false, stopped.entered.get());
        assertFalse(admission.enter(SMALL), "no run starts after the stop");
        assertTrue(admission.closed());
        assertFalse(admission.close(), "a second stop finds it closed");
    }

    @Test
    void aStudyStopsOnce() {
        StudyRunner runner = new StudyRunner(Placement.HERE, 2);
        assertTrue(runner.interrupt(), "the first Ctrl-C stops the study");
        assertFalse(runner.interrupt(), "a second finds it stopped");
    }
}

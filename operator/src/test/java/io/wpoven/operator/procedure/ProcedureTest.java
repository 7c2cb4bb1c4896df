package io.wpoven.operator.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The engine on a fake procedure: order, skipping, waiting, deadlines, failure, compensation, resuming mid-way. */
class ProcedureTest {
    /** What the steps read and do: a world with a few switches, and a journal that records what it was told. */
    static final class World implements Journal {
        boolean skipSecond;
        boolean firstDone;
        boolean secondDone;
        boolean secondFails;
        boolean busy;
        int firstActions;
        String step;
        Instant started;
        final List<String> log = new ArrayList<>();

        @Override
        public String step() {
            return step;
        }

        @Override
        public Instant stepStarted() {
            return started;
        }

        @Override
        public void entered(String step, Instant now) {
            this.step = step;
            this.started = now;
            log.add("enter " + step);
        }

        @Override
        public void waiting(String step, Check.Wait wait) {
            log.add("wait " + step + " " + wait.reason());
        }

        @Override
        public void done(String step, Check.Done done) {
            log.add("done " + step);
        }

        @Override
        public void compensating(String step, String reason, String message) {
            log.add("compensate " + step + " " + reason);
        }

        @Override
        public void failed(String step, String reason, String message) {
            log.add("fail " + step + " " + reason + ": " + message);
        }

        @Override
        public void finished(String last) {
            log.add("finished after " + last);
        }
    }

    static final Procedure<World> PROCEDURE = new Procedure<>("Test", List.of(
            Step.<World>named("First")
                    .action(w -> w.firstActions++)
                    .doneWhen(w -> w.firstDone ? Check.done("first") : Check.waiting(0, "Running", "first runs")),
            Step.<World>named("Second")
                    .appliesWhen(w -> !w.skipSecond)
                    .requires(w -> w.busy ? Check.waiting(5, "Busy", "someone else") : Check.MET)
                    .doneWhen(w -> w.secondFails ? Check.fail("Broken", "it broke")
                            : w.secondDone ? Check.done("second") : Check.waiting(2, "Running", "second runs"))
                    .deadline(Duration.ofSeconds(60))
                    .onFailureGoTo("Undo")),
            Step.<World>named("Undo").doneWhen(w -> Check.done("undone")));

    private final Instant t0 = Instant.parse("2026-12-07T10:00:00Z");

    private Clock at(long seconds) {
        return Clock.fixed(t0.plusSeconds(seconds), ZoneOffset.UTC);
    }

    @Test
    void runsTheStepsInOrderActingUntilEachIsDoneAndResumesFromTheJournalAlone() {
        World w = new World();
        assertThat(PROCEDURE.advance(w, w, at(0))).isZero();
        assertThat(w.log).containsExactly("enter First", "wait First Running");
        assertThat(w.firstActions).isEqualTo(1);
        PROCEDURE.advance(w, w, at(1));
        assertThat(w.firstActions).as("the action is repeated until the step is done (it must be idempotent)").isEqualTo(2);

        // a new operator (nothing in memory but the journal) goes on where the journal says
        World restarted = new World();
        restarted.step = w.step;
        restarted.started = w.started;
        restarted.firstDone = true;
        assertThat(PROCEDURE.advance(restarted, restarted, at(2))).isEqualTo(2);
        assertThat(restarted.log).containsExactly("done First", "enter Second", "wait Second Running");
        restarted.secondDone = true;
        assertThat(PROCEDURE.advance(restarted, restarted, at(3))).isZero();
        assertThat(restarted.log).endsWith("done Second", "finished after Second");
    }

    @Test
    void skipsAStepThatDoesNotApplyAndNeverEntersACompensationInTheNormalOrder() {
        World w = new World();
        w.skipSecond = true;
        w.firstDone = true;
        PROCEDURE.advance(w, w, at(0));
        assertThat(w.log).containsExactly("enter First", "done First", "finished after First");
    }

    @Test
    void aPreconditionThatWaitsDoesNotActAndItsDeadlineEndsIt() {
        World w = new World();
        w.step = "Second";
        w.started = t0;
        w.busy = true;
        assertThat(PROCEDURE.advance(w, w, at(30))).isEqualTo(5);
        assertThat(w.log).containsExactly("wait Second Busy");
        PROCEDURE.advance(w, w, at(61));
        assertThat(w.log).contains("compensate Second SecondTimeout", "enter Undo");
    }

    @Test
    void aFailedStepTurnsToItsCompensationAndAStepWithoutOneFailsTheProcedure() {
        World w = new World();
        w.step = "Second";
        w.started = t0;
        w.secondFails = true;
        assertThat(PROCEDURE.advance(w, w, at(1))).isEqualTo(1);
        assertThat(w.log).containsExactly("compensate Second Broken", "enter Undo");
        PROCEDURE.advance(w, w, at(2));
        assertThat(w.log).endsWith("done Undo", "finished after Undo");

        Procedure<World> strict = new Procedure<>("Strict", List.of(Step.<World>named("Only")
                .doneWhen(x -> Check.waiting(0, "Running", "forever")).deadline(Duration.ofSeconds(10))));
        World s = new World();
        strict.advance(s, s, at(0));
        strict.advance(s, s, at(11));
        assertThat(s.log).last().asString().startsWith("fail Only OnlyTimeout: Only did not finish within 10 s (forever)");
    }

    @Test
    void anUnknownStepInTheJournalFailsClearly() {
        World w = new World();
        w.step = "Renamed";
        PROCEDURE.advance(w, w, at(0));
        assertThat(w.log).containsExactly("fail Renamed UnknownStep: Test was at step Renamed, which this operator does not know");
    }
}

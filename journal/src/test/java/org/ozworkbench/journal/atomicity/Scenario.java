package org.ozworkbench.journal.atomicity;

import java.util.List;

/** A generated surgery: its steps, in order, and the failure it meets. */
record Scenario(List<Step> steps, Injection injection) {
    Scenario {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("surgery of ").append(steps.size()).append(" steps, ").append(injection);
        for (int i = 0; i < steps.size(); i++) {
            b.append("\n  ").append(i).append(": ").append(steps.get(i));
        }
        return b.toString();
    }
}

package io.openmessaging.omsconnect.transforms;

import io.openmessaging.omsconnect.api.config.Validator;

import java.util.List;

/** Several checks of one value, the first problem found winning (Kafka's CompositeValidator). */
final class AllOf implements Validator {
    private final List<Validator> checks;

    private AllOf(List<Validator> checks) {
        this.checks = checks;
    }

    static AllOf of(Validator... checks) {
        return new AllOf(List.of(checks));
    }

    @Override
    public String problemWith(Object value) {
        for (Validator check : checks) {
            String problem = check.problemWith(value);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}

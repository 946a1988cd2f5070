package io.openmessaging.omsconnect.api;

import io.openmessaging.connector.api.component.Component;
import io.openmessaging.connector.api.data.ConnectRecord;

/**
 * A condition on a record that decides whether a transform applies to it (Kafka Connect's KIP-585
 * predicates; the OpenMessaging Connect API has none). A connector config names predicates as Kafka Connect
 * does: {@code predicates=isFoo}, {@code predicates.isFoo.type=<class>}, the predicate's own keys under
 * {@code predicates.isFoo.}, and {@code transforms.<t>.predicate=isFoo} (with {@code transforms.<t>.negate=true}
 * to apply the transform where the predicate does not hold). {@code validate} and {@code start} receive the
 * predicate's own keys, without the prefix. Called from the task's thread only.
 */
public interface Predicate extends Component {

    /** Whether the record matches. Must not change the record. */
    boolean test(ConnectRecord record);
}

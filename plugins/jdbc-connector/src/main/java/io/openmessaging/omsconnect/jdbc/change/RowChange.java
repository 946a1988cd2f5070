package io.openmessaging.omsconnect.jdbc.change;

import io.openmessaging.connector.api.data.Struct;

import java.util.List;

/**
 * One row to write: an upsert (or insert) of {@code row}, or a delete of the row whose key columns
 * {@code row} carries.
 *
 * @param table  target table name (after table.name.format)
 * @param delete whether to delete rather than write
 * @param row    the row; for a delete, at least its key columns
 * @param pk     the key column names (empty when the record has no key)
 */
public record RowChange(String table, boolean delete, Struct row, List<String> pk) {
}

package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.errors.ConnectException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tables to capture: {@code db.table} entries (regular expressions allowed, matched against the
 * whole {@code db.table}); an empty include list means every table outside the system schemas.
 */
public final class TableFilter {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+");
    private static final List<String> SYSTEM_SCHEMAS = List.of("mysql", "information_schema", "performance_schema", "sys");

    private final List<String> includeText;
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private TableFilter(List<String> includeText, List<Pattern> include, List<Pattern> exclude) {
        this.includeText = includeText;
        this.include = include;
        this.exclude = exclude;
    }

    public static TableFilter of(String include, String exclude) {
        List<String> inc = split(include);
        return new TableFilter(inc, compile(inc), compile(split(exclude)));
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static List<Pattern> compile(List<String> entries) {
        List<Pattern> out = new ArrayList<>();
        for (String e : entries) {
            try {
                out.add(LITERAL.matcher(e).matches() ? Pattern.compile(Pattern.quote(e)) : Pattern.compile(e));
            } catch (PatternSyntaxException ex) {
                throw new ConnectException("Table pattern '" + e + "' is not a valid regular expression: " + ex.getDescription());
            }
        }
        return out;
    }

    public boolean accepts(String database, String table) {
        if (SYSTEM_SCHEMAS.contains(database.toLowerCase())) {
            return false;
        }
        String id = database + "." + table;
        boolean in = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(id).matches());
        return in && exclude.stream().noneMatch(p -> p.matcher(id).matches());
    }

    /** The include entries, as written. */
    public List<String> includes() {
        return includeText;
    }

    /** Whether an include entry names exactly one table (no regular expression). */
    public static boolean isLiteral(String entry) {
        return LITERAL.matcher(entry).matches();
    }

    @Override
    public String toString() {
        return "include=" + include + ", exclude=" + exclude;
    }
}

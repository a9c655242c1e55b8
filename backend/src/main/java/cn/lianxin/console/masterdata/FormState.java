package cn.lianxin.console.masterdata;

import cn.lianxin.console.masterdata.FormField.Option;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A master-data form between the browser and the services: the values it holds (as submitted, or as the record is
 * stored) and the errors found in them, field by field. Reading a value as a number, date or choice records an
 * error at the field when it is not one, so that a bad input is reported where it was typed, never as a 400.
 */
public final class FormState {

    private final Map<String, List<String>> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private FormState(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormState of(Map<String, List<String>> submitted) {
        FormState state = new FormState(new LinkedHashMap<>());
        submitted.forEach((name, list) -> {
            List<String> kept = list.stream().map(v -> v == null ? "" : v).toList();
            state.values.put(name, kept);
            // PostgreSQL's text cannot hold NUL; the API refuses it the same way.
            if (kept.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                state.error(name, "不能包含空字符");
            }
        });
        return state;
    }

    public static FormState empty() {
        return new FormState(new LinkedHashMap<>());
    }

    /** Sets a stored value, for an edit form; null and empty values leave the field empty. */
    public FormState put(String name, Object... stored) {
        List<String> list = new ArrayList<>();
        for (Object value : stored) {
            if (value != null && !value.toString().isEmpty()) {
                list.add(value.toString());
            }
        }
        values.put(name, list);
        return this;
    }

    public FormState putAll(String name, Iterable<?> stored) {
        List<String> list = new ArrayList<>();
        stored.forEach(v -> list.add(v.toString()));
        values.put(name, list);
        return this;
    }

    /** Keeps the first error of a field: it is the one the clerk fixes first. */
    public void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Errors at no field of the form, shown above it so that none is lost. */
    public List<String> otherErrors(List<FormField> fields) {
        Set<String> shown = new LinkedHashSet<>();
        fields.forEach(f -> shown.add(f.name()));
        return errors.entrySet().stream().filter(e -> !shown.contains(e.getKey())).map(e -> e.getKey() + "：" + e.getValue()).toList();
    }

    // --- reading the submitted values into a request ---

    /** The text typed, stripped; null when nothing was, so that @NotBlank and @NotNull report it. */
    public String text(String name) {
        String value = first(name).strip();
        return value.isEmpty() ? null : value;
    }

    public Long id(String name) {
        String value = first(name).strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            error(name, "请从列表中选择");
            return null;
        }
    }

    /** Every id ticked; never null, so "none ticked" is an empty set the request's own rules judge. */
    public Set<Long> ids(String name) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values.getOrDefault(name, List.of())) {
            try {
                ids.add(Long.valueOf(value.strip()));
            } catch (NumberFormatException e) {
                error(name, "请从列表中选择");
            }
        }
        return ids;
    }

    public LocalDate day(String name) {
        String value = first(name).strip();
        if (value.isEmpty()) {
            error(name, "必填");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(name, "请填写日期，如 2026-10-01");
            return null;
        }
    }

    public <E extends Enum<E>> E choice(Class<E> type, String name) {
        String value = first(name).strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            error(name, "请从列表中选择");
            return null;
        }
    }

    public <E extends Enum<E>> Set<E> choices(Class<E> type, String name) {
        Set<E> chosen = new LinkedHashSet<>();
        for (String value : values.getOrDefault(name, List.of())) {
            try {
                chosen.add(Enum.valueOf(type, value.strip()));
            } catch (IllegalArgumentException e) {
                error(name, "请从列表中选择");
            }
        }
        return chosen;
    }

    public boolean flag(String name) {
        return values.getOrDefault(name, List.of()).contains("true");
    }

    /** A list typed into one box, separated by commas or 、 (both are how people write lists here). */
    public List<String> list(String name) {
        return Arrays.stream(first(name).split("[,，、;；]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private String first(String name) {
        List<String> list = values.getOrDefault(name, List.of());
        return list.isEmpty() ? "" : list.get(0);
    }

    // --- drawing the form ---

    public FormField text(String name, String label, boolean required) {
        return field(name, label, "text", List.of(), required);
    }

    public FormField password(String name, String label) {
        // A password is never sent back to the browser, not even the one just typed.
        return new FormField(name, label, "password", List.of(), List.of(), true, null, errors.get(name));
    }

    public FormField date(String name, String label) {
        return field(name, label, "date", List.of(), true);
    }

    public FormField select(String name, String label, boolean required, List<Option> options) {
        return field(name, label, "select", options, required);
    }

    public FormField checks(String name, String label, List<Option> options) {
        return field(name, label, "checks", options, false);
    }

    public FormField check(String name, String label) {
        return field(name, label, "check", List.of(), false);
    }

    /** A value that identifies the record and cannot change, shown and sent back as it is. */
    public FormField fixed(String name, String label) {
        return field(name, label, "fixed", List.of(), false);
    }

    private FormField field(String name, String label, String kind, List<Option> options, boolean required) {
        return new FormField(name, label, kind, values.getOrDefault(name, List.of()), options, required, null, errors.get(name));
    }
}

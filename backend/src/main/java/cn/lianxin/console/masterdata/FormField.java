package cn.lianxin.console.masterdata;

import java.util.List;

/**
 * One input of a master-data form as the template draws it: its name (the API request's field name, so that an
 * error the API names lands here), label, kind (an input type, or select, checks, check, fixed), what it holds now,
 * the choices it offers, and the error to show at it.
 */
public record FormField(String name, String label, String kind, List<String> values, List<Option> options, boolean required,
        String hint, String error) {

    /** A choice of a select or a group of checkboxes. */
    public record Option(String value, String label) {
    }

    public String value() {
        return values.isEmpty() ? "" : values.get(0);
    }

    public boolean has(String value) {
        return values.contains(value);
    }

    public FormField withHint(String text) {
        return new FormField(name, label, kind, values, options, required, text, error);
    }

    public String id() {
        return "f-" + name;
    }
}

package com.attest.customernotice;

import com.attest.security.AccountForm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a customer contact list in CSV (RFC 4180: commas, fields in double quotes may hold commas, line breaks and
 * doubled quotes). The first row names the columns, in any order: {@code customer}, {@code contact name},
 * {@code email}, {@code role} and optionally {@code phone}. Rows are numbered as a spreadsheet numbers them, the
 * header being row 1. Every problem is reported with its row and column; the caller imports nothing unless there
 * is none.
 */
public final class ContactCsv {

    public static final String CUSTOMER = "customer";
    public static final String NAME = "contact name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String ROLE = "role";

    private static final Map<String, String> HEADERS = Map.of(
            "customer", CUSTOMER, "contact name", NAME, "contact", NAME, "name", NAME,
            "email", EMAIL, "e-mail", EMAIL, "phone", PHONE, "telephone", PHONE, "role", ROLE);
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9 ()./-]{6,40}");

    /** One contact as read, from spreadsheet row {@code row}. */
    public record Row(int row, String customer, String name, String email, String phone, ContactRole role) {
    }

    /** A problem with one row ({@code row} 1 for the header), in one column. */
    public record Problem(int row, String field, String message) {
        @Override
        public String toString() {
            return "Row " + row + ", " + field + ": " + message;
        }
    }

    public record Result(List<Row> rows, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ContactCsv() {
    }

    public static Result parse(String text) {
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<List<String>> records = new ArrayList<>();
        List<Integer> broken = new ArrayList<>();
        split(text.startsWith("\uFEFF") ? text.substring(1) : text, records, broken, problems);
        if (records.isEmpty()) {
            problems.add(new Problem(1, "file", "The file is empty: the first row must name the columns "
                    + "customer, contact name, email, phone, role."));
            return new Result(rows, problems);
        }
        Map<String, Integer> columns = header(records.get(0), problems);
        if (columns == null) {
            return new Result(List.of(), problems);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < records.size(); i++) {
            int number = i + 1;
            List<String> fields = records.get(i);
            if (broken.contains(number)) {
                continue;
            }
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue; // an empty line
            }
            if (fields.size() != records.get(0).size()) {
                problems.add(new Problem(number, "row", "It has " + fields.size() + " fields; the header names "
                        + records.get(0).size() + "."));
                continue;
            }
            String customer = field(fields, columns, CUSTOMER);
            String name = field(fields, columns, NAME);
            String email = field(fields, columns, EMAIL).toLowerCase(Locale.ROOT);
            String phone = field(fields, columns, PHONE);
            String roleText = field(fields, columns, ROLE);
            int before = problems.size();
            if (customer.isEmpty()) {
                problems.add(new Problem(number, CUSTOMER, "The customer is missing."));
            } else if (customer.length() > 200) {
                problems.add(new Problem(number, CUSTOMER, "A customer's name is at most 200 characters."));
            }
            if (name.isEmpty()) {
                problems.add(new Problem(number, NAME, "The contact's name is missing."));
            } else if (name.length() > 200) {
                problems.add(new Problem(number, NAME, "A contact's name is at most 200 characters."));
            }
            if (email.isEmpty()) {
                problems.add(new Problem(number, EMAIL, "The e-mail address is missing."));
            } else if (!AccountForm.isEmail(email)) {
                problems.add(new Problem(number, EMAIL, "'" + email + "' is not an e-mail address."));
            }
            if (!phone.isEmpty() && !PHONE_NUMBER.matcher(phone).matches()) {
                problems.add(new Problem(number, PHONE, "'" + phone + "' is not a phone number (digits, spaces,"
                        + " + ( ) - . /)."));
            }
            ContactRole role = ContactRole.parse(roleText).orElse(null);
            if (role == null) {
                problems.add(new Problem(number, ROLE, (roleText.isEmpty() ? "The role is missing"
                        : "'" + roleText + "' is not a contact role") + "; the roles are " + ContactRole.labels() + "."));
            }
            if (!customer.isEmpty() && !email.isEmpty()) {
                String key = customer.toLowerCase(Locale.ROOT) + "\n" + email;
                Integer first = seen.putIfAbsent(key, number);
                if (first != null) {
                    problems.add(new Problem(number, EMAIL, email + " is already listed for " + customer + " in row "
                            + first + "."));
                }
            }
            if (problems.size() == before) {
                rows.add(new Row(number, customer, name, email, phone.isEmpty() ? null : phone, role));
            }
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(new Problem(2, "file", "The file has a header but no contact."));
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::row));
        return new Result(rows, problems);
    }

    private static Map<String, Integer> header(List<String> names, List<Problem> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        int before = problems.size();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i).strip();
            String column = HEADERS.get(raw.toLowerCase(Locale.ROOT));
            if (column == null) {
                problems.add(new Problem(1, raw.isEmpty() ? "column " + (i + 1) : raw, "'" + raw
                        + "' is not a column this import knows: use customer, contact name, email, phone, role."));
            } else if (columns.putIfAbsent(column, i) != null) {
                problems.add(new Problem(1, column, "The column " + column + " is named twice."));
            }
        }
        for (String required : List.of(CUSTOMER, NAME, EMAIL, ROLE)) {
            if (!columns.containsKey(required)) {
                problems.add(new Problem(1, required, "The header has no column " + required + "."));
            }
        }
        return problems.size() == before ? columns : null;
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : fields.get(i).strip();
    }

    /** Splits into records of fields; a record with a quoting mistake is noted in {@code broken}. */
    private static void split(String text, List<List<String>> records, List<Integer> broken, List<Problem> problems) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean bad = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (!bad) {
                    bad = true;
                    problems.add(new Problem(records.size() + 1, "row", "A quote inside an unquoted field, or text"
                            + " after a closing quote: put the whole field in quotes and double the quotes in it."));
                }
                i++;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (bad) {
                    broken.add(records.size() + 1);
                }
                records.add(fields);
                fields = new ArrayList<>();
                bad = false;
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                if (wasQuoted && !bad) {
                    bad = true;
                    problems.add(new Problem(records.size() + 1, "row", "Text after a closing quote: put the whole"
                            + " field in quotes and double the quotes in it."));
                }
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            problems.add(new Problem(records.size() + 1, "row", "A quoted field is not closed before the end of the"
                    + " file."));
            bad = true;
        }
        if (!fields.isEmpty() || field.length() > 0 || wasQuoted) {
            fields.add(field.toString());
            if (bad) {
                broken.add(records.size() + 1);
            }
            records.add(fields);
        }
    }
}

package dev.leakprobe.demo.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/** One line a client sends, parsed once. Verbs are case-insensitive; arguments are kept as sent. */
public sealed interface Command {

    record Join(String room) implements Command {}

    record Msg(String text) implements Command {}

    record Leave() implements Command {}

    record Quit() implements Command {}

    record Stats() implements Command {}

    /** A line that is text but not a command we know: answered with an error line, the connection stays. */
    record Invalid(String reason) implements Command {}

    Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    static Command parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new Invalid("empty line");
        }
        int space = trimmed.indexOf(' ');
        String verb = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return switch (verb) {
            case "JOIN" -> parseJoin(argument);
            case "MSG" -> argument.isEmpty() ? new Invalid("MSG needs text") : new Msg(argument);
            case "LEAVE" -> noArgument(verb, argument, new Leave());
            case "QUIT" -> noArgument(verb, argument, new Quit());
            case "STATS" -> noArgument(verb, argument, new Stats());
            default -> new Invalid("unknown command " + abbreviate(verb));
        };
    }

    private static Command parseJoin(String room) {
        if (!ROOM_NAME.matcher(room).matches()) {
            return new Invalid("JOIN needs a room name of 1-64 letters, digits or ._:-");
        }
        return new Join(room);
    }

    private static Command noArgument(String verb, String argument, Command command) {
        return argument.isEmpty() ? command : new Invalid(verb + " takes no argument");
    }

    private static String abbreviate(String verb) {
        return verb.length() <= 20 ? verb : verb.substring(0, 20) + "...";
    }
}

package dev.saturn.cli.help;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes what a package installs beside the launcher, from the command model the build just compiled: a manual page
 * for saturn and for each command (man/man1/saturn-use.1, ...), bash completion (completion/saturn.bash) and zsh
 * completion (completion/_saturn). Run by the build: {@code java -cp saturn.jar dev.saturn.cli.WriteHelpFiles DIR}.
 */
public final class HelpFiles {
    private HelpFiles() {
    }

    /** Writes every page of {@code cli} and its commands and both completion scripts under {@code dir}; returns the pages. */
    public static List<Path> write(CommandLine cli, Path dir) throws IOException {
        BuildInfo build = BuildInfo.read();
        Path man = Files.createDirectories(dir.resolve("man/man1"));
        List<CommandSpec> commands = new ArrayList<>();
        collect(cli.getCommandSpec(), commands);
        List<String> names = new ArrayList<>();
        for (CommandSpec c : commands) {
            names.add(ManPage.name(c));
        }
        List<Path> pages = new ArrayList<>();
        for (CommandSpec c : commands) {
            List<String> seeAlso = new ArrayList<>();
            for (String other : names) {
                boolean related = !other.equals(ManPage.name(c))
                        && (c.parent() == null || other.equals("saturn") || other.startsWith(ManPage.name(c) + "-"));
                if (related) {
                    seeAlso.add(other);
                }
            }
            Path page = man.resolve(ManPage.name(c) + ".1");
            Files.writeString(page, ManPage.of(c, build.date(), "saturn " + build.version(), seeAlso), StandardCharsets.UTF_8);
            pages.add(page);
        }
        Path completion = Files.createDirectories(dir.resolve("completion"));
        Files.writeString(completion.resolve("saturn.bash"), AutoComplete.bash("saturn", cli), StandardCharsets.UTF_8);
        Files.writeString(completion.resolve("_saturn"), ZSH, StandardCharsets.UTF_8);
        return pages;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> out) {
        if (spec.usageMessage().hidden()) {
            return;
        }
        out.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().parent() == spec && !sub.getCommandSpec().name().equals("help")) {
                collect(sub.getCommandSpec(), out);
            }
        }
    }

    /**
     * zsh's completion of saturn: the bash script through zsh's bashcompinit, which runs bash completion functions
     * unchanged. Installed as _saturn in a directory of $fpath (Debian: /usr/share/zsh/vendor-completions).
     */
    private static final String ZSH = """
            #compdef saturn
            # saturn's bash completion, run by zsh's bashcompinit (generated with the bash script; see saturn.bash)
            autoload -U +X bashcompinit && bashcompinit
            for _saturn_script in /usr/share/bash-completion/completions/saturn "${0:A:h}/saturn.bash"; do
              if [[ -r $_saturn_script ]]; then
                source "$_saturn_script"
                break
              fi
            done
            unset _saturn_script
            """;
}

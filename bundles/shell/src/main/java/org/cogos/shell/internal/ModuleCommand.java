package org.cogos.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cogos.api.admin.ModuleManager;

/** A command that acts on one loaded module, named by its first argument (completed from {@code cog:lsmod}). */
abstract class ModuleCommand extends CogAction {

    @Argument(index = 0, name = "module", description = "Name of a loaded module (see cog:lsmod)", required = true)
    @Completion(ModuleNameCompleter.class)
    String module;

    @Reference
    ModuleManager modules;
}

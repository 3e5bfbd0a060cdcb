return CnnZoo.Cli.CliApp.Run(args, CnnZoo.Cli.CliContext.ForProcessConsole(), CnnZoo.Benchmarks.BenchmarkCommands.All);

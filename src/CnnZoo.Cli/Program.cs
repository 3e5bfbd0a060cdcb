return CnnZoo.Cli.CliApp.Run(args);

using ColorPix.Web.Cli;

return CliApp.Run(args, Console.Out, Console.Error);

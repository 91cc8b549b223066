using ColorPix.Core.Engine;
using ColorPix.Web.Cli;

NativeHeap.Configure();
return CliApp.Run(args, Console.Out, Console.Error);

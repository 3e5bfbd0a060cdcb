using CnnZoo.Cli.Data;
using CnnZoo.Cli.Rendering;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary><c>cnnzoo evaluate model.zip --data …</c>: metrics and confusion matrix of a saved model on a dataset's test split.</summary>
public sealed class EvaluateCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelPath = new Argument<string>("model") { Description = "A model zip saved by 'cnnzoo train' (or any ML.NET pipeline ending in the CNN trainer)." };
        var data = new DatasetArguments();
        var command = new Command("evaluate", "Evaluate a saved model on a dataset's test split: metrics table and confusion matrix.");
        command.Arguments.Add(modelPath);
        data.AddTo(command);
        command.SetAction(parsed =>
        {
            var ml = new MLContext(1);
            using var loaded = LoadedModel.Load(ml, parsed.GetValue(modelPath)!);
            var dataset = data.Load(ml, parsed, seed: 1);
            var metrics = context.WithStatus($"Scoring {dataset.Name} …", _ => TestSetEvaluation.Evaluate(ml, loaded.Model.Transform(dataset.Test)));
            TabularWriter.Write(context, MetricsTable.From(metrics, $"{loaded.Cnn.Architecture} on {dataset.Name} (test split)"), OutputFormat.Table);
            context.Out.WriteLine();
            context.Out.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
            return ExitCodes.Success;
        });
        return command;
    }
}

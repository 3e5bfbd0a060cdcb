using CnnZoo.Cli.Data;
using CnnZoo.Cli.Katib;
using CnnZoo.MLNet.Comparison;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo trial</c>: one trial of a comparison per process, the Katib trial worker (<c>cnnzoo compare --emit-katib</c>
/// writes the experiment that runs it). Trains one architecture at one learning rate and batch size to <c>--epochs</c>
/// of a schedule planned for <c>--max-epochs</c>, exactly as the same trial of <c>cnnzoo compare</c> does; checkpoints,
/// the model and <c>trial.json</c> go to its run directory under <c>--runs</c>; metrics go to standard output as
/// <c>name=value</c> lines. Exit code 0 when the trial finished, 1 when it failed or was interrupted (rerun to resume), 2 for bad arguments.
/// </summary>
public sealed class TrialCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new DatasetArguments();
        var model = new Option<string>("--model", "-m") { Description = "Architecture (see 'cnnzoo list').", Required = true };
        var rate = new Option<double?>("--lr") { Description = "Initial learning rate (default: the recipe's, as a comparison without --lr)." };
        var batch = new Option<int?>("--batch-size", "-b") { Description = "Images per step (default: the recipe's)." };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Epochs to train to in total (Hyperband's resource).", Required = true };
        var maxEpochs = new Option<int?>("--max-epochs") { Description = "Epochs the comparison's schedule is planned for (default: --epochs)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of the training rows held out to rank the trials (as compare).", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "The comparison's seed (as compare).", DefaultValueFactory = _ => 1 };
        var runs = new Option<string>("--runs") { Description = "Shared folder of the trials' run directories (checkpoints, model.zip, trial.json).", Required = true };
        var trialName = new Option<string>("--trial-name") { Description = "Name of this trial (Katib's trial name); a restarted trial must keep it to resume.", DefaultValueFactory = _ => "local" };
        var command = new Command("trial", "Run one trial of an architecture comparison (a Katib trial worker): metrics as name=value lines, checkpoints and the model on a shared path.");
        data.AddTo(command);
        foreach (var option in new Option[] { model, rate, batch, epochs, maxEpochs, validation, seed, runs, trialName }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var architecture = ModelArguments.FindSpec(parsed.GetValue(model)!).Name;
            var request = new TrialRequest(architecture, parsed.GetValue(rate), parsed.GetValue(batch), parsed.GetValue(epochs),
                parsed.GetValue(maxEpochs) ?? parsed.GetValue(epochs), parsed.GetValue(validation), parsed.GetValue(seed),
                Path.GetFullPath(parsed.GetValue(runs)!), parsed.GetValue(trialName)!);
            if (request.Epochs < 1 || request.Epochs > request.MaxEpochs)
                throw new CliUsageException($"--epochs must be between 1 and --max-epochs ({request.MaxEpochs}); got {request.Epochs}.");
            var ml = new MLContext(request.Seed);
            var dataset = data.Load(ml, parsed, request.Seed);
            var search = request.LearningRate is null && request.BatchSize is null ? null : new SearchSpace
            {
                LearningRates = request.LearningRate is double lr ? [lr] : null,
                BatchSizes = request.BatchSize is int size ? [size] : null,
            };
            // Only MaxEpochs shapes a trial's training; the first rung's length matters to the comparison, not to one trial.
            var options = ComparisonSetup.OptionsFor(dataset, [architecture], minEpochs: 1, request.MaxEpochs, eta: 2, request.ValidationFraction, request.Seed, search);
            var setup = ComparisonSetup.Prepare(ml, dataset, options);

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                if (new TrialWorker(context, setup).Run(request, cancel.Token) is not null) return ExitCodes.Success;
                context.Error.WriteLine("error: the trial was interrupted; its checkpoints are kept, so the same command resumes it.");
                return ExitCodes.Failure;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}

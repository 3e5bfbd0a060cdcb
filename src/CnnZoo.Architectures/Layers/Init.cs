using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>Weight initialisations used by the papers and by torchvision, applied over a module tree.</summary>
public static class Init
{
    /// <summary>
    /// torchvision's VGG/ResNet init: conv kaiming-normal (fan_out, ReLU), BN γ=1 β=0, linear N(0, <paramref name="linearStd"/>)
    /// with bias 0, or PyTorch's default linear init when <paramref name="linearStd"/> is null (ResNet).
    /// </summary>
    public static void KaimingFanOut(nn.Module root, double? linearStd = 0.01)
    {
        using var _ = no_grad();
        foreach (var (_, module) in root.named_modules())
        {
            switch (module)
            {
                case TorchSharp.Modules.Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case TorchSharp.Modules.BatchNorm2d bn:
                    nn.init.ones_(bn.weight);
                    nn.init.zeros_(bn.bias);
                    break;
                case TorchSharp.Modules.Linear linear when linearStd is double std:
                    nn.init.normal_(linear.weight, 0, std);
                    if (linear.bias is not null) nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }

    /// <summary>Gaussian N(0, <paramref name="std"/>) weights with constant biases, as the AlexNet and ZFNet papers describe.</summary>
    public static void Gaussian(nn.Module root, double std, Func<string, double> biasFor)
    {
        using var _ = no_grad();
        foreach (var (name, module) in root.named_modules())
        {
            var (weight, bias) = module switch
            {
                TorchSharp.Modules.Conv2d c => (c.weight, c.bias),
                TorchSharp.Modules.Linear l => (l.weight, l.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            nn.init.normal_(weight, 0, std);
            if (bias is not null) nn.init.constant_(bias, biasFor(name));
        }
    }
}

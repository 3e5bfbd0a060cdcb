using System.Reflection;

namespace CnnZoo.MLNet.Bridge;

/// <summary>Calls a generic static method for an element type known only at run time (ML.NET's getters are generic in the raw type).</summary>
internal static class GenericDispatch
{
    public static object? Invoke(Type owner, string method, Type typeArgument, params object?[] arguments)
    {
        var definition = owner.GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new MissingMethodException(owner.FullName, method);
        try { return definition.MakeGenericMethod(typeArgument).Invoke(null, arguments); }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}

// Notebooks run one at a time: each is a separate dotnet-repl process that trains on the CPU.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]

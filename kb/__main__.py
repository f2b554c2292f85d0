from .cli import main

# guarded: a worker process started with "spawn" (Dask's LocalCluster) imports this module again
if __name__ == "__main__":
    main()

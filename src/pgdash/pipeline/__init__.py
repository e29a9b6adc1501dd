"""The build pipeline, one package per stage, each using only the stages before it:
seeds/ → read → text → extract → relate → validate → write → data/.
"""

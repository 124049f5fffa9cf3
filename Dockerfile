# Worker and CLI image for docker-compose.yml (the tests run the same code from a venv).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY detectors ./detectors
COPY simulator ./simulator
RUN pip install --no-cache-dir .
ENV HYDRAWATCH_HOME=/var/lib/hydrawatch \
    HYDRAWATCH_WEB_BIND=0.0.0.0
EXPOSE 6066
ENTRYPOINT ["hydrawatch"]
CMD ["worker"]

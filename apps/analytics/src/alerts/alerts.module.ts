import { Module } from '@nestjs/common';
import { AlertEvaluator } from './alert-evaluator';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';

@Module({ controllers: [AlertsController], providers: [AlertsRepository, AlertEvaluator] })
export class AlertsModule {}
